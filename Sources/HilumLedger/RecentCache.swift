/// A bounded map of recently used entries, in two generations of at most
/// `capacity` entries each. A lookup that hits the older generation moves
/// the entry into the current one. When the current generation is full, the
/// older one is dropped whole. Every
/// operation is O(1), and at most `2 * capacity` entries are kept.
struct RecentCache<Key: Hashable, Value> {
    let capacity: Int
    private var current: [Key: Value] = [:]
    private var previous: [Key: Value] = [:]

    init(capacity: Int) {
        precondition(capacity > 0, "RecentCache needs a positive capacity")
        self.capacity = capacity
    }

    var count: Int { current.count + previous.count }

    mutating func value(for key: Key) -> Value? {
        if let value = current[key] { return value }
        guard let value = previous.removeValue(forKey: key) else { return nil }
        insert(value, for: key)
        return value
    }

    mutating func insert(_ value: Value, for key: Key) {
        if current.count >= capacity && current[key] == nil {
            previous = current
            current = [:]
            current.reserveCapacity(capacity)
        }
        current[key] = value
    }

    mutating func remove(_ key: Key) {
        current[key] = nil
        previous[key] = nil
    }

    mutating func removeAll() {
        current = [:]
        previous = [:]
    }
}
