@preconcurrency import Glibc

/// A small bounded queue that carries decoded entries from one decoding thread to the reading one.
///
/// A class because both threads must share one queue; its state is guarded by a pthread mutex.
final class EntryChannel: @unchecked Sendable {
    /// What a decoding thread sends.
    enum Item: Sendable {
        /// The next entries of the current file.
        case entries([LogEntry])
        /// The current file is done; what reading it ran into.
        case fileDone(ReadDiagnostics)
    }

    private let capacity: Int
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    // A ring of `capacity` slots: `count` items from `head` on.
    private var slots: [Item?]
    private var head = 0
    private var count = 0
    private var cancelled = false

    /// Creates a queue that holds at most `capacity` items before `put` waits.
    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        slots = Array(repeating: nil, count: self.capacity)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(changed, nil)
    }

    deinit {
        pthread_cond_destroy(changed)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        changed.deallocate()
    }

    /// Adds `item`, waiting while the queue is full; returns false, dropping it, once cancelled.
    func put(_ item: Item) -> Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while count == capacity && !cancelled { pthread_cond_wait(changed, mutex) }
        guard !cancelled else { return false }
        slots[(head + count) % capacity] = item
        count += 1
        pthread_cond_broadcast(changed)
        return true
    }

    /// Removes the oldest item, waiting for one; only the reading thread calls this, before `cancel`.
    func take() -> Item {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while count == 0 { pthread_cond_wait(changed, mutex) }
        let item = slots[head].take()!
        head = (head + 1) % capacity
        count -= 1
        pthread_cond_broadcast(changed)
        return item
    }

    /// Drops what is queued and makes every later `put` return false at once.
    func cancel() {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        cancelled = true
        for index in slots.indices { slots[index] = nil }
        count = 0
        pthread_cond_broadcast(changed)
    }
}
