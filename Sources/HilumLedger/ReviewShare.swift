import HilumCore
import HilumCrypto

/// The rule that decides which signed cases fall in a client's required
/// share of peer reviews. It reads only ids on the ledger, so anyone can
/// check the selection. The draw is the first 4 bytes, read as a big-endian
/// integer, of the BLAKE2b-256 digest of the case id's 32 bytes followed by
/// the report id's 32 bytes. A case is selected when its draw is below
/// share × 2^32. The share is kept in hundredths of a percent, so the line
/// is floor(hundredths × 2^32 / 10 000): 0 % selects nothing and 100 %
/// selects every case.
// NOTE: the reading radiologist could re-sign a report with another time
// until its draw falls above the line; nothing on the ledger detects that.
public enum ReviewShare {
    /// The largest share, 100 %, in hundredths of a percent.
    public static let fullShare = 10_000

    /// Computes the draw of a signed report: the first 4 bytes of BLAKE2b-256(case id || report id), big-endian.
    public static func draw(caseID: EventID, reportID: EventID) -> UInt32 {
        let digest = Hash.blake2b256(caseID.bytes + reportID.bytes).bytes
        return digest.prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Computes the line a draw must fall below, for a share in hundredths of a percent (0 to 10 000).
    public static func line(hundredths: Int) -> UInt64 {
        precondition((0...fullShare).contains(hundredths), "a review share runs from 0 to 10000 hundredths of a percent")
        return (UInt64(hundredths) << 32) / UInt64(fullShare)
    }

    /// True when the report's case falls in the share.
    public static func isSelected(caseID: EventID, reportID: EventID, hundredths: Int) -> Bool {
        UInt64(draw(caseID: caseID, reportID: reportID)) < line(hundredths: hundredths)
    }

    /// Formats a share as "10%" or "12.5%".
    public static func percent(_ hundredths: Int) -> String {
        let fraction = hundredths % 100
        guard fraction != 0 else { return "\(hundredths / 100)%" }
        let digits = fraction % 10 == 0 ? "\(fraction / 10)" : (fraction < 10 ? "0\(fraction)" : "\(fraction)")
        return "\(hundredths / 100).\(digits)%"
    }
}
