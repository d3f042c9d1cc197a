/// The `events.subscribe` result: the id `events.unsubscribe` takes.
package struct SubscriptionView: Codable, Sendable, Equatable {
    package var subscription: String

    package init(subscription: String) {
        self.subscription = subscription
    }
}
