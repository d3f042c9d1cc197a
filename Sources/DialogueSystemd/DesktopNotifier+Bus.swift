import CSystemd

extension DesktopNotifier {
    /// The open connection, or a new one (called on the notifier's queue only).
    func connection() throws(NotificationFailure) -> OpaquePointer {
        if let bus { return bus }
        var opened: OpaquePointer?
        var result: Int32
        if let address {
            result = sd_bus_new(&opened)
            if result >= 0 { result = address.withCString { sd_bus_set_address(opened, $0) } }
            if result >= 0 { result = sd_bus_set_bus_client(opened, 1) }
            if result >= 0 { result = sd_bus_start(opened) }
        } else {
            result = sd_bus_open_user(&opened)
        }
        guard result >= 0, let opened else {
            if let opened { sd_bus_flush_close_unref(opened) }
            throw NotificationFailure("connecting to the session bus", result: result)
        }
        bus = opened
        return opened
    }

    /// `Notify(app_name s, replaces_id u, app_icon s, summary s, body s, actions as, hints a{sv},
    /// expire_timeout i) → id u`, built with the non-variadic sd-bus calls (the variadic ones do not
    /// import into Swift).
    func callNotify(on bus: OpaquePointer, summary: String, body: String) throws(NotificationFailure) -> UInt32 {
        var message: OpaquePointer?
        try check(
            "creating the call",
            sd_bus_message_new_method_call(
                bus, &message, "org.freedesktop.Notifications", "/org/freedesktop/Notifications",
                "org.freedesktop.Notifications", "Notify"))
        defer { sd_bus_message_unref(message) }
        var writer = MessageWriter(message: message)
        writer.append(string: Self.applicationName)
        writer.append(uint32: 0)
        writer.append(string: "")
        writer.append(string: summary)
        writer.append(string: body)
        writer.open("a", "s")
        writer.close()
        writer.open("a", "{sv}")
        for hint in Self.hints {
            writer.open("e", "sv")
            writer.append(string: hint.key)
            writer.open("v", "s")
            writer.append(string: hint.value)
            writer.close()
            writer.close()
        }
        writer.close()
        writer.append(int32: -1)
        try check("building the call", writer.result)

        var error = sd_bus_error()
        defer { sd_bus_error_free(&error) }
        var reply: OpaquePointer?
        let limit = max(callTimeout, .milliseconds(1)).components
        let timeout = UInt64(limit.seconds) * 1_000_000 + UInt64(limit.attoseconds / 1_000_000_000_000)
        let result = sd_bus_call(bus, message, timeout, &error, &reply)
        defer { sd_bus_message_unref(reply) }
        guard result >= 0 else {
            throw NotificationFailure(
                "calling Notify", result: result, errorName: error.name.map { String(cString: $0) })
        }
        var id: UInt32 = 0
        try check("reading the reply", sd_bus_message_read_basic(reply, CChar(UInt8(ascii: "u")), &id))
        return id
    }

    private func check(_ step: String, _ result: Int32) throws(NotificationFailure) {
        guard result >= 0 else { throw NotificationFailure(step, result: result) }
    }
}
