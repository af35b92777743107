/// Content only its recipients can read: a random content key encrypts the
/// payload once (XChaCha20-Poly1305), and that key is sealed (libsodium
/// sealed box) to each recipient's X25519 key. The envelope shows who the
/// recipients are, never what they read. HilumCrypto builds and opens it.
public struct Sealed: Equatable, Sendable {
    public struct Recipient: Equatable, Sendable {
        /// The recipient's identity key (Ed25519), so a reader finds its entry.
        public let identity: PublicKey
        /// The 32-byte content key in a sealed box: 32 + 48 bytes.
        public let wrappedKey: [UInt8]

        public init(identity: PublicKey, wrappedKey: [UInt8]) {
            self.identity = identity
            self.wrappedKey = wrappedKey
        }
    }

    public static let maxRecipients = 16
    public static let wrappedKeySize = 80
    public static let nonceSize = 24
    public static let tagSize = 16
    public static let maxCiphertextSize = 192 * 1024

    public let recipients: [Recipient]
    public let nonce: [UInt8]
    public let ciphertext: [UInt8]

    public init(recipients: [Recipient], nonce: [UInt8], ciphertext: [UInt8]) {
        self.recipients = recipients
        self.nonce = nonce
        self.ciphertext = ciphertext
    }

    public func encode(to writer: inout ByteWriter) {
        writer.write(UInt8(recipients.count))
        for recipient in recipients {
            writer.writeFixed(recipient.identity)
            writer.writeFixed(recipient.wrappedKey)
        }
        writer.writeFixed(nonce)
        writer.write(bytes: ciphertext)
    }

    public init(decoding reader: inout ByteReader, field: String) throws(DecodeError) {
        let count = Int(try reader.readUInt8("\(field).recipients"))
        guard count >= 1, count <= Sealed.maxRecipients else {
            throw .invalidValue(field: "\(field).recipients", reason: "\(count) recipients, expected 1 to \(Sealed.maxRecipients)")
        }
        var recipients: [Recipient] = []
        var seen: Set<PublicKey> = []
        for _ in 0..<count {
            let identity = try reader.readKey("\(field).recipient")
            let wrapped = try reader.readFixed(Sealed.wrappedKeySize, "\(field).wrappedKey")
            guard seen.insert(identity).inserted else {
                throw .invalidValue(field: "\(field).recipients", reason: "recipient \(identity.short) appears twice")
            }
            recipients.append(Recipient(identity: identity, wrappedKey: wrapped))
        }
        self.recipients = recipients
        nonce = try reader.readFixed(Sealed.nonceSize, "\(field).nonce")
        ciphertext = try reader.readBytes("\(field).ciphertext", maxLength: Sealed.maxCiphertextSize)
        guard ciphertext.count >= Sealed.tagSize else {
            throw .invalidValue(field: "\(field).ciphertext", reason: "\(ciphertext.count) bytes is shorter than the \(Sealed.tagSize)-byte tag")
        }
    }

    public func isAddressed(to identity: PublicKey) -> Bool {
        recipients.contains { $0.identity == identity }
    }
}
