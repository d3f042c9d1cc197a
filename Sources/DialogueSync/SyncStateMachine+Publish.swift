extension SyncStateMachine.Action {
    /// Whether this action only reports the connection state.
    var isPublish: Bool {
        if case .publish = self { return true }
        return false
    }
}
