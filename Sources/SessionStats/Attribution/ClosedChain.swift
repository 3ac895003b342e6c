/// A chain the attributor closed whose calls were not handed on yet (`Attributor.takeClosedChains`):
/// the builder hands them on one by one from it, instead of through an array of their costs.
struct ClosedChain {
    /// The chain as it closed.
    let chain: ContextChain
    /// Whether its calls' cost is inside the call that started its subagent (docs/attribution.md,
    /// "Subagents"): each is then handed on marked `isInsideSubagent`, never counted twice.
    let isInsideSubagent: Bool

    /// Calls `body` with each of its calls, in order, with the `HookCallIndex.key` of its id.
    func forEachCall(_ body: (CallCost, UInt64) -> Void) {
        guard isInsideSubagent else { return chain.forEachCall(body) }
        chain.forEachCall { call, key in
            var call = call
            call.isInsideSubagent = true
            body(call, key)
        }
    }
}
