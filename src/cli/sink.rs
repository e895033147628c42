//! Where a command writes its file: `-o FILE` (written beside it and renamed at the end, so
//! a failed write never leaves half a file), `-o -` or nothing for standard output.

use super::{CliError, Ctx};
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

pub struct Sink {
    out: Box<dyn Write>,
    temp: Option<tempfile::NamedTempFile>,
    path: Option<PathBuf>,
    name: String,
}

/// `-o -` means standard output, as no `-o` does.
pub fn named(path: &Option<PathBuf>) -> Option<&Path> {
    path.as_deref().filter(|p| p.as_os_str() != "-")
}

impl Sink {
    pub fn open(ctx: &Ctx, path: Option<&Path>) -> Result<Sink, CliError> {
        let name = path.map_or("stdout".into(), |p| p.display().to_string());
        let io_err = |e: std::io::Error| CliError::io(&e, &name, ctx.lang);
        let Some(path) = path else {
            return Ok(Sink {
                out: Box::new(BufWriter::new(std::io::stdout().lock())),
                temp: None,
                path: None,
                name,
            });
        };
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if !dir.is_dir() {
            return Err(CliError::user(format!(
                "{}: {}",
                dir.display(),
                ctx.lang.pick("thư mục không tồn tại", "no such folder")
            )));
        }
        // A symlink, a device or a pipe is written into, not replaced by a new file.
        let special = std::fs::symlink_metadata(path).is_ok_and(|m| !m.file_type().is_file());
        let (out, temp): (Box<dyn Write>, _) = if special {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .truncate(true)
                .open(path)
                .map_err(io_err)?;
            (Box::new(BufWriter::new(file)), None)
        } else {
            let temp = tempfile::NamedTempFile::new_in(dir).map_err(io_err)?;
            let file = temp.reopen().map_err(io_err)?;
            (Box::new(BufWriter::new(file)), Some(temp))
        };
        Ok(Sink {
            out,
            temp,
            path: Some(path.to_path_buf()),
            name,
        })
    }

    /// Whether the bytes go to a terminal (a binary format would garble it).
    pub fn is_terminal(path: Option<&Path>) -> bool {
        path.is_none() && std::io::stdout().is_terminal()
    }

    pub fn io_error(&self, ctx: &Ctx, e: std::io::Error) -> CliError {
        CliError::io(&e, &self.name, ctx.lang)
    }

    /// Flushes and puts the file in place (0600 when it is new: it may hold personal data).
    pub fn finish(mut self, ctx: &Ctx) -> Result<Option<PathBuf>, CliError> {
        let name = self.name.clone();
        let io_err = |e: std::io::Error| CliError::io(&e, &name, ctx.lang);
        self.out.flush().map_err(io_err)?;
        drop(self.out);
        if let (Some(temp), Some(path)) = (self.temp, &self.path) {
            temp.persist(path).map_err(|e| io_err(e.error))?;
        }
        Ok(self.path)
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.out.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}
