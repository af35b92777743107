import Glibc
import Synchronization

/// A failure of the network itself (refused, reset, timed out), named with
/// the address and what to check.
public struct NetworkError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }

    static func system(_ what: String, _ code: Int32 = errno) -> NetworkError {
        NetworkError("\(what): \(String(cString: strerror(code)))")
    }
}

/// HOST:PORT, with IPv6 hosts in brackets ("[::1]:7420").
public struct PeerAddress: Sendable, Hashable, CustomStringConvertible {
    public let host: String
    public let port: UInt16

    public static let defaultPort: UInt16 = 7420

    public init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    /// Parses HOST:PORT. Port 0, with which the system picks a free port,
    /// is accepted only for an address to listen on (`listening`).
    public init(parsing text: String, listening: Bool = false) throws(NetworkError) {
        let hint = "write HOST:PORT, for example 127.0.0.1:7420 or [::1]:7420"
        var host: Substring
        var portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw NetworkError("'\(text)' has no closing ']'; \(hint)") }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw NetworkError("'\(text)' has no port; \(hint)") }
            portText = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":") else { throw NetworkError("'\(text)' has no port; \(hint)") }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            if host.contains(":") { throw NetworkError("'\(text)': put an IPv6 address in brackets; \(hint)") }
        }
        guard !host.isEmpty else { throw NetworkError("'\(text)' has no host; \(hint)") }
        let lowest: UInt16 = listening ? 0 : 1
        guard let port = UInt16(portText), port >= lowest else {
            throw NetworkError("'\(portText)' in '\(text)' is not a port number from \(lowest) to 65535")
        }
        self.init(host: String(host), port: port)
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Resolves to socket addresses (numeric hosts and names from /etc/hosts).
    func resolve() throws(NetworkError) -> [(family: Int32, address: [UInt8])] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let result = getaddrinfo(host, String(port), &hints, &list)
        guard result == 0, let list else {
            throw NetworkError("cannot resolve '\(host)': \(String(cString: gai_strerror(result)))")
        }
        defer { freeaddrinfo(list) }
        var addresses: [(Int32, [UInt8])] = []
        var entry: UnsafeMutablePointer<addrinfo>? = list
        while let current = entry {
            let info = current.pointee
            if let socketAddress = info.ai_addr {
                let bytes = UnsafeRawBufferPointer(start: socketAddress, count: Int(info.ai_addrlen))
                addresses.append((info.ai_family, Array(bytes)))
            }
            entry = info.ai_next
        }
        return addresses
    }
}

/// A TCP connection. One thread reads; any thread may write, one write at
/// a time. Closing from any thread wakes a blocked reader.
public final class Connection: Sendable {
    private let descriptor: Int32
    private let writeLock = Mutex(())
    private let closed = Atomic<Bool>(false)
    /// The other end, for logs.
    public let remote: String

    init(descriptor: Int32, remote: String) {
        self.descriptor = descriptor
        self.remote = remote
        var one: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        // A peer that stops reading must not block a writer forever.
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { Glibc.close(descriptor) }

    /// Connects within `timeout` seconds, trying each resolved address.
    public static func connect(to address: PeerAddress, timeout: Double) throws(NetworkError) -> Connection {
        var lastError = NetworkError("no address for \(address)")
        for (family, bytes) in try address.resolve() {
            let descriptor = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard descriptor >= 0 else { throw .system("cannot open a socket") }
            let flags = fcntl(descriptor, F_GETFL)
            _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
            var result = bytes.withUnsafeBytes {
                Glibc.connect(descriptor, $0.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(bytes.count))
            }
            if result != 0 && errno == EINPROGRESS {
                var poller = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                if poll(&poller, 1, Int32(timeout * 1000)) == 1 {
                    var code: Int32 = 0
                    var length = socklen_t(MemoryLayout<Int32>.size)
                    getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &code, &length)
                    result = code == 0 ? 0 : -1
                    errno = code
                } else {
                    errno = ETIMEDOUT
                }
            }
            if result == 0 {
                _ = fcntl(descriptor, F_SETFL, flags)
                return Connection(descriptor: descriptor, remote: address.description)
            }
            lastError = .system("cannot connect to \(address) (check that the service is running there)")
            Glibc.close(descriptor)
        }
        throw lastError
    }

    /// Up to `limit` bytes; an empty array when nothing arrived within
    /// `timeout` seconds. Throws when the peer closed or the connection failed.
    public func read(limit: Int, timeout: Double) throws(NetworkError) -> [UInt8] {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, Int32(max(0, timeout) * 1000))
        if ready == 0 { return [] }
        if ready < 0 {
            if errno == EINTR { return [] }
            throw .system("reading from \(remote)")
        }
        var buffer = [UInt8](repeating: 0, count: limit)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, limit, 0) }
        if count == 0 || closed.load(ordering: .relaxed) { throw NetworkError("\(remote) closed the connection") }
        if count < 0 {
            if errno == EINTR || errno == EAGAIN { return [] }
            throw .system("reading from \(remote)")
        }
        buffer.removeSubrange(count...)
        return buffer
    }

    /// Sends all of `bytes` or throws (peer gone, or not reading for 30 s).
    public func write(_ bytes: [UInt8]) throws(NetworkError) {
        try writeLock.withLock { _ throws(NetworkError) in
            var offset = 0
            while offset < bytes.count {
                let sent = bytes.withUnsafeBytes {
                    send(descriptor, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                }
                if sent < 0 {
                    if errno == EINTR { continue }
                    if errno == EAGAIN || errno == EWOULDBLOCK {
                        throw NetworkError("\(remote) stopped reading for 30 s")
                    }
                    throw .system("writing to \(remote)")
                }
                offset += sent
            }
        }
    }

    /// Ends the connection in both directions; a blocked read returns.
    public func close() {
        guard !closed.exchange(true, ordering: .relaxed) else { return }
        shutdown(descriptor, Int32(SHUT_RDWR))
    }
}

/// A listening TCP socket.
public final class Listener: Sendable {
    private let descriptor: Int32
    private let closed = Atomic<Bool>(false)
    public let address: PeerAddress

    public init(address: PeerAddress) throws(NetworkError) {
        guard let (family, bytes) = try address.resolve().first else { throw NetworkError("no address for \(address)") }
        let descriptor = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw .system("cannot open a socket") }
        var one: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound = bytes.withUnsafeBytes {
            bind(descriptor, $0.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(bytes.count))
        }
        guard bound == 0, listen(descriptor, 128) == 0 else {
            let code = errno
            Glibc.close(descriptor)
            throw .system("cannot listen on \(address)" + (code == EADDRINUSE ? " (another process uses that port; pick another with --listen)" : ""), code)
        }
        // Port 0 asks the system for a free port; report the real one.
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let port: UInt16 = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(descriptor, $0, &length) }
            if Int32(pointer.pointee.ss_family) == AF_INET6 {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
        }
        self.descriptor = descriptor
        self.address = PeerAddress(host: address.host, port: port)
    }

    deinit { Glibc.close(descriptor) }

    /// The next incoming connection; nil once the listener is closed.
    public func accept() -> Connection? {
        while !closed.load(ordering: .relaxed) {
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let client = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.accept(descriptor, $0, &length) }
            }
            if client >= 0 { return Connection(descriptor: client, remote: Self.describe(storage)) }
            if errno == EINTR || errno == ECONNABORTED || errno == EMFILE || errno == ENFILE {
                if errno == EMFILE || errno == ENFILE { usleep(100_000) }
                continue
            }
            return nil
        }
        return nil
    }

    public func close() {
        guard !closed.exchange(true, ordering: .relaxed) else { return }
        shutdown(descriptor, Int32(SHUT_RDWR))
    }

    private static func describe(_ storage: sockaddr_storage) -> String {
        var copy = storage
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        return withUnsafePointer(to: &copy) { pointer in
            if Int32(pointer.pointee.ss_family) == AF_INET6 {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                    var raw = address.pointee.sin6_addr
                    inet_ntop(AF_INET6, &raw, &text, socklen_t(text.count))
                    return "[\(String(cString: text))]:\(UInt16(bigEndian: address.pointee.sin6_port))"
                }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                var raw = address.pointee.sin_addr
                inet_ntop(AF_INET, &raw, &text, socklen_t(text.count))
                return "\(String(cString: text)):\(UInt16(bigEndian: address.pointee.sin_port))"
            }
        }
    }
}
