import HilumCore
import XCTest

final class Key32Tests: XCTestCase {
    func testRejectsWrongLength() {
        XCTAssertNil(Key32([UInt8](repeating: 0, count: 31)))
        XCTAssertNil(Key32([UInt8](repeating: 0, count: 33)))
        XCTAssertNil(Key32([]))
        XCTAssertEqual(Key32([UInt8](repeating: 0, count: 32)), .zero)
    }

    func testHexRoundTrip() {
        let bytes = (0..<32).map { UInt8($0 * 8) }
        let value = Key32(unchecked: bytes)
        XCTAssertEqual(value.hex, "0008101820283038404850586068707880889098a0a8b0b8c0c8d0d8e0e8f0f8")
        XCTAssertEqual(Key32(hex: value.hex), value)
        XCTAssertEqual(Key32(hex: value.hex.uppercased()), value)
        XCTAssertEqual(value.short, "0008101820283038")
        XCTAssertEqual(value.description, value.hex)
    }

    func testHexRejectsBadInput() {
        XCTAssertNil(Key32(hex: String(repeating: "0", count: 63)))
        XCTAssertNil(Key32(hex: String(repeating: "0", count: 62)))
        XCTAssertNil(Key32(hex: String(repeating: "0", count: 62) + "0g"))
        XCTAssertNil(Key32(hex: String(repeating: "0", count: 62) + " 0"))
        XCTAssertNil(Hex.decode("abc"))
        XCTAssertNil(Hex.decode("zz"))
        XCTAssertEqual(Hex.decode(""), [])
        XCTAssertEqual(Hex.decode("00fF7a"), [0x00, 0xFF, 0x7A])
    }

    func testOrderIsByteOrder() {
        XCTAssertLessThan(key(0x01), key(0x02))
        var high = [UInt8](repeating: 0, count: 32)
        high[0] = 1
        var low = [UInt8](repeating: 0xFF, count: 32)
        low[0] = 0
        XCTAssertLessThan(Key32(unchecked: low), Key32(unchecked: high))
    }

    func testWordsKeepByteOrder() {
        var generator = SystemRandomNumberGenerator()
        for position in 0..<32 {
            let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
            var other = bytes
            other[position] ^= UInt8.random(in: 1...255, using: &generator)
            let key = Key32(unchecked: bytes)
            let changed = Key32(unchecked: other)
            XCTAssertEqual(key.bytes, bytes)
            XCTAssertEqual(Key32(unchecked: bytes[...]), key)
            XCTAssertNotEqual(key, changed, "byte \(position)")
            XCTAssertEqual(key < changed, bytes.lexicographicallyPrecedes(other), "byte \(position)")
            XCTAssertEqual(changed < key, other.lexicographicallyPrecedes(bytes), "byte \(position)")
            XCTAssertEqual(Set([key, Key32(unchecked: bytes), changed]).count, 2)
        }
    }

    func testRoleNames() {
        for role in Role.allCases {
            XCTAssertEqual(Role(name: role.name), role)
        }
        XCTAssertNil(Role(name: "admin"))
    }

    func testAuthorRolesOfKinds() {
        XCTAssertEqual(EventKind.device.authorRoles, Set(Role.allCases))
        XCTAssertEqual(EventKind.credential.authorRoles, [.credentialer])
        XCTAssertEqual(EventKind.withdrawal.authorRoles, [.client, .radiologist])
        XCTAssertEqual(EventKind.report.authorRoles, [.radiologist])
        XCTAssertEqual(EventKind.feedback.authorRoles, [.clinician])
        XCTAssertEqual(EventKind.settlement.authorRoles, [.client])
        for kind in EventKind.allCases {
            XCTAssertFalse(kind.authorRoles.isEmpty, kind.name)
        }
    }
}
