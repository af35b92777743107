import Foundation
import Glibc

/// A minimal HTTP/1.0 client for 127.0.0.1 in the calling thread's network
/// namespace. The demo archive process uses it to upload studies into its
/// Orthanc and to wait until Orthanc responds. It avoids URLSession, which on
/// Linux sends even loopback requests through `http_proxy` unless `no_proxy`
/// lists them.
enum LoopbackHTTP {
    /// Sends one request and returns the response's status code. `timeout` is in seconds, per send and receive.
    static func request(_ method: String, port: UInt16, path: String, contentType: String? = nil, body: Data = Data(),
                        timeout: Int = 30) throws -> Int {
        let descriptor = try ArchiveRelay.connectLoopback(port: port)
        defer { close(descriptor) }
        var limit = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))

        var head = "\(method) \(path) HTTP/1.0\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: \(body.count)\r\n"
        if let contentType { head += "Content-Type: \(contentType)\r\n" }
        head += "\r\n"
        let message = Data(head.utf8) + body
        var offset = 0
        while offset < message.count {
            let sent = message.withUnsafeBytes { send(descriptor, $0.baseAddress! + offset, message.count - offset, Int32(MSG_NOSIGNAL)) }
            if sent < 0 && errno == EINTR { continue }
            guard sent > 0 else { throw CommandError("\(method) \(path) on 127.0.0.1:\(port) failed: \(String(cString: strerror(errno)))") }
            offset += sent
        }

        // The status line is all that is needed; the rest of the response is read and dropped.
        var response = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count < 0 { throw CommandError("\(method) \(path) on 127.0.0.1:\(port): no response (\(String(cString: strerror(errno))))") }
            if count == 0 { break }
            if response.count < 4096 { response += buffer[0..<count] }
        }
        let statusLine = String(decoding: response.prefix { $0 != 13 && $0 != 10 }, as: UTF8.self)
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), let status = Int(parts[1]) else {
            throw CommandError("\(method) \(path) on 127.0.0.1:\(port): not an HTTP response")
        }
        return status
    }
}
