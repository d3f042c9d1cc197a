import DialogueRPC
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A deliberately dumb client: a raw non-blocking Unix socket speaking lines, independent of the
/// code under test, so tests can send malformed bytes and see exactly what comes back.
///
/// Reads poll with short sleeps instead of blocking, so a waiting test never ties up one of the
/// few threads of the cooperative pool that the server's handlers also need.
final class LineSocket {
    private(set) var fd: Int32
    private var buffer: [UInt8] = []

    init(path: String) throws {
        self.fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard self.fd >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(self.fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else {
            let error = errno
            Glibc.close(self.fd)
            throw POSIXError(.init(rawValue: error) ?? .EIO)
        }
    }

    deinit {
        if self.fd >= 0 { Glibc.close(self.fd) }
    }

    /// Writes all of `text` (blocking; the server reads on its own threads).
    func send(_ text: String) throws {
        try self.send(bytes: Array(text.utf8))
    }

    func send(bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            // MSG_NOSIGNAL: a server that closed on us is an error to report, not a SIGPIPE.
            let written = bytes[offset...].withUnsafeBytes {
                Glibc.send(self.fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard written > 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
            offset += written
        }
    }

    /// Sends a line (adding the newline).
    func sendLine(_ line: String) throws {
        try self.send(line + "\n")
    }

    enum ReadResult: Equatable {
        case line(String)
        case eof
        case timeout
    }

    /// The next line, EOF, or a timeout.
    func readLine(timeout: Duration = .seconds(5)) async throws -> ReadResult {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let newline = self.buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: self.buffer[..<newline], as: UTF8.self)
                self.buffer.removeSubrange(...newline)
                return .line(line)
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = chunk.withUnsafeMutableBytes { recv(self.fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if count > 0 {
                self.buffer.append(contentsOf: chunk[..<count])
                continue
            }
            if count == 0 { return .eof }
            let error = errno
            if error == ECONNRESET { return .eof }
            guard error == EAGAIN || error == EWOULDBLOCK else { throw POSIXError(.init(rawValue: error) ?? .EIO) }
            if ContinuousClock.now >= deadline { return .timeout }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// The next line parsed as JSON.
    ///
    /// - Throws: ``LineSocketError`` on EOF or timeout, so a missing reply fails the test.
    func readJSON(timeout: Duration = .seconds(5)) async throws -> JSONValue {
        switch try await self.readLine(timeout: timeout) {
        case .line(let line): return try JSONValue(parsing: Data(line.utf8))
        case .eof: throw LineSocketError.eof
        case .timeout: throw LineSocketError.timeout
        }
    }

    /// Shuts down the write side only: the server sees EOF but may still answer.
    func shutdownWrite() {
        shutdown(self.fd, Int32(SHUT_WR))
    }

    func close() {
        if self.fd >= 0 {
            Glibc.close(self.fd)
            self.fd = -1
        }
    }
}

enum LineSocketError: Error {
    case eof
    case timeout
}
