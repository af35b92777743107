import Foundation
import HilumNet
import HilumReporting

/// Sends one HL7 v2 message over MLLP and reads the receiver's ACK.
struct MLLPClient {
    let address: PeerAddress
    /// Seconds to connect and, separately, to wait for the whole ACK.
    var timeout: Double = 10
    /// An ACK longer than this is not an ACK: 64 KiB.
    static let maxAcknowledgmentBytes = 64 * 1024

    func send(_ message: String) throws -> HL7Acknowledgment {
        let connection: Connection
        do {
            connection = try Connection.connect(to: address, timeout: timeout)
        } catch {
            throw CommandError("cannot connect to the MLLP receiver \(address) (\(error)); check it is listening")
        }
        defer { connection.close() }
        do {
            try connection.write(MLLPFraming.frame(message))
        } catch {
            throw CommandError("sending the HL7 message to \(address) failed (\(error))")
        }
        var buffer: [UInt8] = []
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let (acknowledgment, _) = MLLPFraming.firstMessage(in: buffer) {
                let text = String(decoding: acknowledgment, as: UTF8.self)
                guard let parsed = HL7Acknowledgment(text) else {
                    throw CommandError("\(address) replied without an MSA segment, so the reply is not an HL7 ACK; check the receiver speaks HL7 v2")
                }
                return parsed
            }
            guard buffer.count < Self.maxAcknowledgmentBytes else {
                throw CommandError("\(address) sent \(buffer.count) bytes without ending an MLLP frame; it is not an HL7 ACK")
            }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { throw CommandError("no ACK from \(address) within \(Int(timeout)) s; the message may not have arrived") }
            do {
                buffer += try connection.read(limit: 4096, timeout: remaining)
            } catch {
                throw CommandError("reading the ACK from \(address) failed (\(error)); the message may not have arrived")
            }
        }
    }
}
