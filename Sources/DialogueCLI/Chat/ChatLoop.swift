import DialogueRPC
import DialogueRPCTransport
import Foundation

/// The chat's I/O around the pure model: keys from the terminal, events and answers from the
/// daemon go in as ``ChatEvent``s; the model's effects become calls; each change is redrawn.
///
/// Everything runs in one task group, so quitting cancels the readers and any call in flight.
struct ChatLoop {
    let client: RPCClient
    let terminal: ChatTerminal
    let style: Style

    /// What wakes the loop.
    private enum Wake: Sendable {
        case event(ChatEvent)
        case keys([ChatKey])
        case redraw
    }

    /// Runs until the user quits or the daemon goes away.
    func run(_ initial: ChatModel) async -> ChatExit {
        let (wakes, sink) = AsyncStream.makeStream(of: Wake.self)
        return await withTaskGroup(of: Void.self) { group in
            group.addTask { [terminal] in
                for await input in terminal.inputs {
                    switch input {
                    case .keys(let keys): sink.yield(.keys(keys))
                    case .resized: sink.yield(.redraw)
                    case .closed: sink.yield(.keys([.control("c")]))
                    }
                }
            }
            group.addTask { [client] in
                for await notification in client.notifications {
                    do {
                        // A newer daemon's event type is skipped; a known one that does not decode is told.
                        if let event = try LocalEvent(notification) { sink.yield(.event(.notification(event))) }
                    } catch {
                        sink.yield(.event(.unreadableNotification(method: notification.method)))
                    }
                }
                if !Task.isCancelled { sink.yield(.event(.daemonClosed)) }
            }
            group.addTask {
                // Keeps "5m ago" true while nothing else happens.
                while (try? await Task.sleep(for: .seconds(30))) != nil { sink.yield(.redraw) }
            }
            var model = initial
            var screen = ChatScreen()
            _ = perform(model.start(), in: &group, sink: sink)
            draw(model, &screen)
            for await wake in wakes {
                var effects: [ChatEffect] = []
                switch wake {
                case .event(let event):
                    effects = model.reduce(event)
                case .keys(let keys):
                    for key in keys where model.exit == nil { effects += model.reduce(.key(key)) }
                case .redraw:
                    screen.invalidate()
                }
                if perform(effects, in: &group, sink: sink) { break }
                draw(model, &screen)
            }
            group.cancelAll()
            sink.finish()
            return model.exit ?? .user
        }
    }

    /// Starts the calls, sends the notifications; `true` when the chat should end.
    private func perform(
        _ effects: [ChatEffect], in group: inout TaskGroup<Void>, sink: AsyncStream<Wake>.Continuation
    ) -> Bool {
        for effect in effects {
            switch effect {
            case .quit:
                return true
            case .notify(let method, let params):
                client.notify(method, params: params)
            case .call(let request):
                group.addTask { [client] in
                    let result: Result<JSONValue, ChatFailure>
                    do {
                        result = .success(try await client.call(request.method, params: request.params))
                    } catch {
                        let methodNotFound = (error as? RPCError)?.code == .methodNotFound
                        result = .failure(
                            ChatFailure(
                                message: CLIFailure(error, method: request.method).message,
                                methodNotFound: methodNotFound))
                    }
                    sink.yield(.event(.response(request.purpose, result)))
                }
            }
        }
        return false
    }

    private func draw(_ model: ChatModel, _ screen: inout ChatScreen) {
        let (width, height) = terminal.size
        let frame = ChatRenderer(style: style, now: Date()).render(model, width: width, height: height)
        terminal.write(screen.update(to: frame, width: width, height: height))
    }
}
