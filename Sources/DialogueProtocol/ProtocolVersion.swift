/// The version of the Dialogue wire protocol and of the programs built from this tree.
public enum ProtocolVersion {
    /// The product version every program reports with `--version`.
    public static let product = "0.1.0"
    /// The REST and WebSocket protocol revision.
    public static let wire = 1
}
