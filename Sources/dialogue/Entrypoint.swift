import DialogueCLI

@main
struct Entrypoint {
    static func main() async {
        await DialogueCommand.main()
    }
}
