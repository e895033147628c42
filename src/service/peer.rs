//! The Unix user on the other end of a socket, resolved through the system's user database
//! (NSS: `/etc/passwd`, LDAP, SSSD alike).

use std::os::unix::net::UnixStream;

/// (uid, pid) of the process that connected.
pub fn credentials(stream: &UnixStream) -> std::io::Result<(u32, Option<u32>)> {
    let cred = rustix::net::sockopt::socket_peercred(stream)?;
    let pid = u32::try_from(cred.pid.as_raw_nonzero().get()).ok();
    Ok((cred.uid.as_raw(), pid))
}

/// The account name of `uid` (`getpwuid_r`), or `None` if the system knows no such user.
pub fn user_name(uid: u32) -> Option<String> {
    let mut buf = vec![0u8; 1024];
    loop {
        // SAFETY: all pointers point at live, properly sized locals; `getpwuid_r` writes
        // only into `pwd` and `buf` (at most `buf.len()` bytes) and sets `result`.
        let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
        let mut result: *mut libc::passwd = std::ptr::null_mut();
        let rc = unsafe {
            libc::getpwuid_r(
                uid,
                &mut pwd,
                buf.as_mut_ptr().cast(),
                buf.len(),
                &mut result,
            )
        };
        if rc == libc::ERANGE && buf.len() < 1 << 20 {
            buf.resize(buf.len() * 4, 0);
            continue;
        }
        if rc != 0 || result.is_null() || pwd.pw_name.is_null() {
            return None;
        }
        // SAFETY: on success `pw_name` points at a NUL-terminated string inside `buf`.
        let name = unsafe { std::ffi::CStr::from_ptr(pwd.pw_name) };
        return Some(name.to_string_lossy().into_owned());
    }
}

/// This process's effective uid.
#[cfg(test)]
pub fn my_uid() -> u32 {
    rustix::process::geteuid().as_raw()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_peer_of_a_socket_pair_is_this_process_and_has_a_name() {
        let (a, _b) = UnixStream::pair().unwrap();
        let (uid, pid) = credentials(&a).unwrap();
        assert_eq!(uid, my_uid());
        assert_eq!(pid, Some(std::process::id()));
        assert!(user_name(uid).is_some_and(|n| !n.is_empty()));
        assert_eq!(user_name(0).as_deref(), Some("root"));
    }
}
