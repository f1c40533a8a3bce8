// Copy who may connect from one instance to another, across providers or regions: each cache(provider) { } block
// talks to its own provider, and the whitelist entries it returns are provider-neutral, so the second block takes
// them as they are.
//
//   ./cachesh run scripts/copy-whitelist.groovy --emulator --param source=orders --param target=orders-dr \
//       --param toRegion=ap-shanghai
//
// Parameters:
//   source, target     instance names (default 'orders' and the source's name)
//   from, to           providers (default tencent for both)
//   fromRegion         region of the source (default: the provider's)
//   toRegion           region of the target (default: the provider's)
//
// When the source does not exist it copies nothing and says so; entries the target already has are skipped.
// (Entries must make sense to the target: security groups on tencent, address ranges where the vendor whitelists
// addresses; the target refuses the others with one line naming them.)

String source = params.source ?: 'orders'
String target = params.target ?: source
def from = params.from ?: 'tencent'
def to = params.to ?: 'tencent'
Map fromWhere = params.fromRegion ? [region: params.fromRegion] : [:]
Map toWhere = params.toRegion ? [region: params.toRegion] : [:]

List<WhitelistEntry> entries = cache(fromWhere, from) {
    list(name: source) ? whitelist(source) : null
}
if (entries == null) {
    info "copy-whitelist: no instance named '$source' on $from: nothing to copy"
    return [source: source, target: target, copied: []]
}
List<WhitelistEntry> after = cache(toWhere, to) {
    entries ? whitelist(target, add: entries) : whitelist(target)
}
info "copy-whitelist: $target now has ${after*.id.join(', ') ?: 'no entries'}"
[source: source, target: target, copied: entries*.id, targetNow: after*.id]
