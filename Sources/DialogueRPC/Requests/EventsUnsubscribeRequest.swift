/// `events.unsubscribe`: Stop one subscription of this connection.
package struct EventsUnsubscribeRequest: LocalRequest {
    package typealias Response = EmptyResult
    package static let method = "events.unsubscribe"
    package static let summary = "Stop one subscription of this connection."

    package var subscription: String

    package init(subscription: String) {
        self.subscription = subscription
    }
}
