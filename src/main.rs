fn main() -> std::process::ExitCode {
    ngoaivu::cli::main()
}
