import DialogueRPC
import DialogueRPCTransport

/// The methods the JSON-RPC 2.0 specification's examples call: `subtract`, `sum`, `update`,
/// `notify_hello`, `get_data` (and nothing else, so `foobar` and `foo.get` are unknown).
enum SpecRouter {
    static func make() -> RPCRouter {
        let router = RPCRouter()
        router.register("subtract") { params, _ in
            switch params {
            case .array(let values)?:
                guard values.count == 2, let minuend = values[0].integerValue, let subtrahend = values[1].integerValue
                else { throw RPCError.invalidParams("expected [minuend, subtrahend]") }
                return .integer(minuend - subtrahend)
            case .object?:
                guard let minuend = params?["minuend"]?.integerValue,
                    let subtrahend = params?["subtrahend"]?.integerValue
                else { throw RPCError.invalidParams("expected {minuend, subtrahend}") }
                return .integer(minuend - subtrahend)
            default:
                throw RPCError.invalidParams("expected params")
            }
        }
        router.register("sum") { params, _ in
            let values = params?.arrayValue?.compactMap(\.integerValue) ?? []
            return .integer(values.reduce(0, +))
        }
        router.register("update") { _, _ in .null }
        router.register("notify_hello") { _, _ in .null }
        router.register("notify_sum") { _, _ in .null }
        router.register("get_data") { _, _ in ["hello", 5] }
        return router
    }
}
