import CSystemd
import Foundation
import Synchronization

/// Owns `org.freedesktop.Notifications` on a test bus and records every `Notify` call, replying
/// with increasing ids. Its sd-bus loop runs on its own thread, off the cooperative pool.
final class FakeNotificationServer: Sendable {
    struct Failure: Error {}

    struct Call: Equatable, Sendable {
        var applicationName = ""
        var replacesID: UInt32 = 0
        var icon = ""
        var summary = ""
        var body = ""
        var actions: [String] = []
        var hints: [String: String] = [:]
        var expireTimeout: Int32 = 0
    }

    private struct State {
        var calls: [Call] = []
        var stopping = false
        var finished = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())
    /// Used only by the loop thread once `init` has returned.
    nonisolated(unsafe) private let bus: OpaquePointer

    var calls: [Call] { state.withLock { $0.calls } }

    init(address: String) throws {
        var opened: OpaquePointer?
        var result = sd_bus_new(&opened)
        if result >= 0 { result = address.withCString { sd_bus_set_address(opened, $0) } }
        if result >= 0 { result = sd_bus_set_bus_client(opened, 1) }
        if result >= 0 { result = sd_bus_start(opened) }
        if result >= 0 { result = sd_bus_request_name(opened, "org.freedesktop.Notifications", 0) }
        guard result >= 0, let opened else {
            sd_bus_flush_close_unref(opened)
            throw Failure()
        }
        bus = opened
        let userdata = Unmanaged.passUnretained(self).toOpaque()
        guard sd_bus_add_object(bus, nil, "/org/freedesktop/Notifications", Self.handle, userdata) >= 0 else {
            sd_bus_flush_close_unref(bus)
            throw Failure()
        }
        // The thread holds a strong reference until the loop ends, so the userdata stays valid.
        Thread.detachNewThread { self.run() }
    }

    /// Ends the loop and waits for the thread to let go of the bus.
    func stop() async {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state in
                state.stopping = true
                if state.finished { return true }
                state.waiter = continuation
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    private func run() {
        while !state.withLock({ $0.stopping }) {
            let processed = sd_bus_process(bus, nil)
            if processed < 0 { break }
            if processed == 0 { _ = sd_bus_wait(bus, 50_000) }
        }
        sd_bus_flush_close_unref(bus)
        let waiter = state.withLock { state in
            state.finished = true
            return state.waiter
        }
        waiter?.resume()
    }

    private static let handle: sd_bus_message_handler_t = { message, userdata, _ in
        guard let message, let userdata,
            sd_bus_message_is_method_call(message, "org.freedesktop.Notifications", "Notify") > 0
        else { return 0 }
        let server = Unmanaged<FakeNotificationServer>.fromOpaque(userdata).takeUnretainedValue()
        guard let call = read(message) else { return -EINVAL }
        let id = server.state.withLock { state in
            state.calls.append(call)
            return UInt32(state.calls.count)
        }
        var reply: OpaquePointer?
        guard sd_bus_message_new_method_return(message, &reply) >= 0 else { return -ENOMEM }
        defer { sd_bus_message_unref(reply) }
        _ = withUnsafePointer(to: id) { sd_bus_message_append_basic(reply, type("u"), $0) }
        return sd_bus_send(nil, reply, nil) >= 0 ? 1 : -EIO
    }

    private static func read(_ message: OpaquePointer) -> Call? {
        var call = Call()
        guard let name = string(message), let icon = readIcon(message, into: &call) else { return nil }
        call.applicationName = name
        call.icon = icon
        guard let summary = string(message), let body = string(message) else { return nil }
        call.summary = summary
        call.body = body
        guard sd_bus_message_enter_container(message, type("a"), "s") >= 0 else { return nil }
        while let action = string(message) { call.actions.append(action) }
        guard sd_bus_message_exit_container(message) >= 0,
            sd_bus_message_enter_container(message, type("a"), "{sv}") >= 0
        else { return nil }
        while sd_bus_message_enter_container(message, type("e"), "sv") > 0 {
            guard let key = string(message) else { return nil }
            if sd_bus_message_enter_container(message, type("v"), "s") > 0 {
                call.hints[key] = string(message)
                sd_bus_message_exit_container(message)
            } else {
                sd_bus_message_skip(message, "v")
            }
            sd_bus_message_exit_container(message)
        }
        guard sd_bus_message_exit_container(message) >= 0,
            sd_bus_message_read_basic(message, type("i"), &call.expireTimeout) > 0
        else { return nil }
        return call
    }

    /// Reads `replaces_id u` and `app_icon s`, which sit between the name and the summary.
    private static func readIcon(_ message: OpaquePointer, into call: inout Call) -> String? {
        guard sd_bus_message_read_basic(message, type("u"), &call.replacesID) > 0 else { return nil }
        return string(message)
    }

    private static func string(_ message: OpaquePointer) -> String? {
        var pointer: UnsafePointer<CChar>?
        guard sd_bus_message_read_basic(message, type("s"), &pointer) > 0, let pointer else { return nil }
        return String(cString: pointer)
    }

    private static func type(_ scalar: Unicode.Scalar) -> CChar { CChar(UInt8(ascii: scalar)) }
}
