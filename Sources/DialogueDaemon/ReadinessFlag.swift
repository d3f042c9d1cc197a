/// Whether the daemon has told systemd it is ready; set once, read by the watchdog.
actor ReadinessFlag {
    private(set) var isReady = false

    func markReady() { isReady = true }
}
