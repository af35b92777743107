import Foundation
import Glibc
import Synchronization

/// A TCP relay from a listening socket to a port on this network namespace's
/// 127.0.0.1, one thread per connection.
///
/// The demo archive uses it to make its Orthanc reachable from the host.
/// `hilum demo` binds the listening socket to the host's 127.0.0.1 and hands
/// it to the archive process, which runs in Orthanc's private network
/// namespace. A socket keeps the namespace it was created in. So connections
/// arrive on the host's loopback, and the relay's outbound sockets, created
/// inside the namespace, reach Orthanc. Unlike a thread that enters
/// the namespace with setns(), this needs no privilege over the namespace, so
/// it also works where the namespace lives in an unprivileged user namespace.
final class ArchiveRelay: Sendable {
    /// Open connections beyond this many are closed at once, so a client
    /// that opens sockets without end cannot exhaust threads.
    static let maximumConnections = 64
    /// A connection with no traffic either way for this many seconds is closed.
    static let idleTimeoutSeconds: Int32 = 120

    private let listener: Int32
    private let targetPort: UInt16
    private let open = Atomic<Int>(0)

    /// Relays connections accepted on `listener` (a bound, listening socket) to 127.0.0.1:`targetPort`.
    init(listener: Int32, targetPort: UInt16) {
        self.listener = listener
        self.targetPort = targetPort
    }

    /// Accepts connections on a thread of its own until the process ends.
    func start(log: @escaping @Sendable (String) -> Void) {
        let thread = Thread { [self] in acceptLoop(log: log) }
        thread.name = "archive relay"
        thread.start()
    }

    private func acceptLoop(log: @escaping @Sendable (String) -> Void) {
        while true {
            // accept4 is hidden behind _GNU_SOURCE in glibc's headers. The archive process
            // spawns nothing once the relay runs, so no child can inherit the socket before fcntl.
            let client = accept(listener, nil, nil)
            if client >= 0 { _ = fcntl(client, F_SETFD, FD_CLOEXEC) }
            if client < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                log("relay: accept failed (\(String(cString: strerror(errno)))); the relay stops")
                return
            }
            guard open.add(1, ordering: .relaxed).newValue <= Self.maximumConnections else {
                open.subtract(1, ordering: .relaxed)
                close(client)
                log("relay: closed a connection beyond the maximum of \(Self.maximumConnections)")
                continue
            }
            let thread = Thread { [self] in
                defer { open.subtract(1, ordering: .relaxed) }
                guard let server = try? Self.connectLoopback(port: targetPort) else {
                    log("relay: cannot connect to 127.0.0.1:\(targetPort) in the archive's namespace")
                    close(client)
                    return
                }
                Self.pump(client, server)
                close(client)
                close(server)
            }
            thread.start()
        }
    }

    /// Copies bytes both ways until both sides have closed, either side fails, or the connection is idle too long.
    static func pump(_ first: Int32, _ second: Int32) {
        var readOpen = [true, true]
        let descriptors = [first, second]
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while readOpen[0] || readOpen[1] {
            var polled = descriptors.enumerated().map { index, descriptor in
                pollfd(fd: readOpen[index] ? descriptor : -1, events: Int16(POLLIN), revents: 0)
            }
            let ready = poll(&polled, 2, idleTimeoutSeconds * 1000)
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { return }
            for index in 0..<2 where readOpen[index] && polled[index].revents != 0 {
                let count = read(descriptors[index], &buffer, buffer.count)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 {
                    // End of input from one side: pass the half-close on and keep relaying the other way.
                    readOpen[index] = false
                    shutdown(descriptors[1 - index], Int32(SHUT_WR))
                    if count < 0 { return }
                    continue
                }
                guard writeAll(descriptors[1 - index], buffer, count: count) else { return }
            }
        }
    }

    private static func writeAll(_ descriptor: Int32, _ buffer: [UInt8], count: Int) -> Bool {
        var offset = 0
        while offset < count {
            let written = buffer.withUnsafeBytes { send(descriptor, $0.baseAddress! + offset, count - offset, Int32(MSG_NOSIGNAL)) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return false }
            offset += written
        }
        return true
    }

    /// Opens a TCP connection to 127.0.0.1:`port`, in the network namespace of the calling thread.
    static func connectLoopback(port: UInt16) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw CommandError("cannot open a socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(INADDR_LOOPBACK).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let code = errno
            close(descriptor)
            throw CommandError("cannot connect to 127.0.0.1:\(port): \(String(cString: strerror(code)))")
        }
        return descriptor
    }

    /// Binds a listening socket to 127.0.0.1, on the first free port from `port` to `port + 49`.
    /// The descriptor is close-on-exec and above 9, so a spawn can move it to a low number.
    static func listenLoopback(startingAt port: UInt16) throws -> (descriptor: Int32, port: UInt16) {
        for candidate in port..<(port &+ 50) where candidate > 0 {
            let raw = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard raw >= 0 else { throw CommandError("cannot open a socket: \(String(cString: strerror(errno)))") }
            var one: Int32 = 1
            setsockopt(raw, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = candidate.bigEndian
            address.sin_addr.s_addr = UInt32(INADDR_LOOPBACK).bigEndian
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(raw, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0, listen(raw, 128) == 0 else {
                close(raw)
                continue
            }
            let descriptor = fcntl(raw, F_DUPFD_CLOEXEC, 10)
            close(raw)
            guard descriptor >= 0 else { throw CommandError("cannot duplicate the relay's socket: \(String(cString: strerror(errno)))") }
            return (descriptor, candidate)
        }
        throw CommandError("no free port from \(port) to \(port &+ 49) on 127.0.0.1 for the archive; pass --archive-port")
    }
}
