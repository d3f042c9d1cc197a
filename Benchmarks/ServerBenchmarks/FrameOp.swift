/// Just the `op` of a server frame: during replay the harness only needs to spot `ready`, and
/// decoding every replayed event in full (dates included) made the harness, not the server,
/// the bottleneck when accounts have long event logs.
struct FrameOp: Decodable {
    var op: String
}
