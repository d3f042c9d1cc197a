extension EventTracker {
    /// Re-imports what a restarted device knew about a past message (from its encrypted cache), so
    /// edits, deletes and reactions aimed at it pass the rules again; the id also counts as seen.
    package mutating func remember(_ id: EventID, facts: MessageFacts) {
        seen.insert(id)
        messages[id] = facts
    }
}
