import DialogueServer

@main
struct Entrypoint {
    static func main() async {
        await ServerCommand.main()
    }
}
