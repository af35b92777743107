import HilumCore
import HilumSQLite

extension Statement {
    /// Binds a key's 32 bytes as a blob without building an array of them.
    @discardableResult
    public func bind(_ index: Int32, _ key: Key32) -> Statement {
        key.withUnsafeBytes { bind(index, copying: $0) }
    }

    /// Binds a key's 32 bytes, or NULL when `key` is nil.
    @discardableResult
    public func bind(_ index: Int32, _ key: Key32?) -> Statement {
        guard let key else { return bindNull(index) }
        return bind(index, key)
    }
}
