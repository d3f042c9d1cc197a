import DialogueDaemon

/// `dialogued`: the per-user Dialogue daemon; everything lives in ``DaemonCommand``.
@main
struct Entrypoint {
    static func main() {
        DaemonCommand.mainOnEventLoops()
    }
}
