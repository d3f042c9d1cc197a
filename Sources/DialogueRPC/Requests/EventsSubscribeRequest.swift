/// `events.subscribe`: Start pushing events to this connection as notifications.
package struct EventsSubscribeRequest: LocalRequest {
    package typealias Response = SubscriptionView
    package static let method = "events.subscribe"
    package static let summary = "Start pushing events to this connection as notifications."

    package var types: [String]?

    package init(types: [String]? = nil) {
        self.types = types
    }
}
