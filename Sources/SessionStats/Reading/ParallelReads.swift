import Dispatch

/// The hand-over between worker threads and the thread that uses their results in order: which item
/// (a file, a session) is next, and each item's result once made. A lock, not atomics, so it builds
/// wherever Dispatch does.
final class ParallelReads<Result: Sendable>: @unchecked Sendable {
    private let count: Int
    private let results: UnsafeMutablePointer<Result?>
    private let ready: [DispatchSemaphore]
    // Permits to make an item's result ahead of the one being handed on.
    private let window: DispatchSemaphore
    private let lock = DispatchSemaphore(value: 1)
    private var next = 0
    private var stopped = false
    // Permits given so far, and how many `widen` may reach.
    private var permits: Int
    private let maximumWindow: Int

    /// Creates the hand-over for `count` items, `window` of which may be made ahead of the one handed
    /// on; `widen` raises that to `maximumWindow` (at least `window`).
    init(count: Int, window: Int, maximumWindow: Int? = nil) {
        self.count = count
        permits = window
        self.maximumWindow = max(window, maximumWindow ?? window)
        results = .allocate(capacity: count)
        results.initialize(repeating: nil, count: count)
        ready = (0..<count).map { _ in DispatchSemaphore(value: 0) }
        // Started at zero and raised: libdispatch traps when a semaphore is freed below its initial
        // value, which a window is when the work stops early with results made but not taken.
        self.window = DispatchSemaphore(value: 0)
        for _ in 0..<window { self.window.signal() }
    }

    deinit {
        results.deinitialize(count: count)
        results.deallocate()
    }

    /// The next item to work on, or nil when all are taken or the work stopped; waits while too many
    /// results are made ahead.
    func claim() -> Int? {
        window.wait()
        lock.wait()
        defer { lock.signal() }
        guard !stopped && next < count else {
            window.signal()
            return nil
        }
        next += 1
        return next - 1
    }

    /// Stores the result of the item at `index`, which this worker claimed.
    func finish(_ index: Int, _ result: Result) {
        results[index] = result
        ready[index].signal()
    }

    /// Waits for the result of the item at `index` and takes it.
    func take(_ index: Int) -> Result {
        ready[index].wait()
        let result = results[index]!
        results[index] = nil
        window.signal()
        return result
    }

    /// Lets one more item be made ahead, up to the maximum window.
    func widen() {
        lock.wait()
        let grows = permits < maximumWindow
        if grows { permits += 1 }
        lock.signal()
        if grows { window.signal() }
    }

    /// Lets waiting workers go and keeps them from claiming more items.
    func stop(workers: Int) {
        lock.wait()
        stopped = true
        lock.signal()
        for _ in 0..<workers { window.signal() }
    }
}
