"""Lua scripts: every operation on a session is one atomic script on its four keys.

KEYS are always ``meta`` (hash: ``epoch``, ``sid``, counters ``c:<label>``), ``entries``
(list of encrypted entries), ``index`` (hash: digest of a casefolded original -> ``o<pos>``,
digest of a casefolded surrogate -> ``s``) and ``remembered`` (hash: digest of a text's key ->
encrypted remembered result, a cache shared by the workers). The four share one hash tag, so
each script runs in one slot of a Redis Cluster. ARGV[1] is always the session's lifetime in
milliseconds (0: no expiry); every script that uses a session refreshes the lifetime of all
its keys.
"""

from __future__ import annotations

_REFRESH = """
local function refresh()
  local ttl = tonumber(ARGV[1])
  if ttl > 0 then
    redis.call('PEXPIRE', KEYS[1], ttl)
    redis.call('PEXPIRE', KEYS[2], ttl)
    redis.call('PEXPIRE', KEYS[3], ttl)
    if KEYS[4] then redis.call('PEXPIRE', KEYS[4], ttl) end
  end
end
"""

#: Most values one ``unpack`` hands to a command (Lua's C stack holds 8,000); scripts that
#: use _KEEP_PAIRS or _ADD_TRIPLES start with it.
_UNPACK = """
local STEP = 1000
"""

#: Keeps the remembered (field, value) pairs of ARGV from ``from`` on (``to``: the last
#: pair's field or value) in KEYS[4] while fewer than ARGV[4] are kept: with one HSET when
#: all of them fit, else pair by pair (a field kept already takes no more room).
_KEEP_PAIRS = """
local function keep_pairs(from, to)
  local room = tonumber(ARGV[4]) - redis.call('HLEN', KEYS[4])
  local last = from + 2 * math.floor((to - from) / 2) + 1
  if room >= (last - from + 1) / 2 then
    for i = from, last, 2 * STEP do
      redis.call('HSET', KEYS[4], unpack(ARGV, i, math.min(last, i + 2 * STEP - 1)))
    end
    return
  end
  for i = from, last, 2 do
    if room <= 0 then break end
    room = room - redis.call('HSET', KEYS[4], ARGV[i], ARGV[i + 1])
  end
end
"""

#: ARGV: ttl, epoch, encrypted session id. -> 1 created, 0 existed.
CREATE = _REFRESH + """
if redis.call('EXISTS', KEYS[1]) == 1 then
  refresh()
  return 0
end
redis.call('DEL', KEYS[2], KEYS[3])
if KEYS[4] then redis.call('DEL', KEYS[4]) end
redis.call('HSET', KEYS[1], 'epoch', ARGV[2], 'sid', ARGV[3])
refresh()
return 1
"""

#: ARGV: ttl. -> 1 touched, 0 unknown.
TOUCH = _REFRESH + """
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
refresh()
return 1
"""

#: ARGV: ttl, since. -> nil (unknown) or {meta as a flat list, version, entries[since:]}.
ENTRIES = _REFRESH + """
local meta = redis.call('HGETALL', KEYS[1])
if #meta == 0 then return false end
refresh()
local n = redis.call('LLEN', KEYS[2])
local since = tonumber(ARGV[2])
local items = {}
if since < n then items = redis.call('LRANGE', KEYS[2], since, -1) end
return {meta, n, items}
"""

#: ARGV: ttl, since, epoch, most remembered values kept, epoch and encrypted session id to
#: create the session with if it does not exist ('' and '': do not create), number of fields
#: to read, those fields, then pairs of field and value to keep (only if the epoch is the
#: session's, and while fewer than the most are kept). -> nil (unknown) or
#: {meta as a flat list, version, entries[since:], the values of the fields read}.
SYNC = _REFRESH + _UNPACK + _KEEP_PAIRS + """
local meta = redis.call('HGETALL', KEYS[1])
if #meta == 0 then
  if ARGV[5] == '' then return false end
  redis.call('DEL', KEYS[2], KEYS[3], KEYS[4])
  redis.call('HSET', KEYS[1], 'epoch', ARGV[5], 'sid', ARGV[6])
  meta = redis.call('HGETALL', KEYS[1])
end
local nwant = tonumber(ARGV[7])
local first = 8 + nwant
if first < #ARGV and redis.call('HGET', KEYS[1], 'epoch') == ARGV[3] then
  keep_pairs(first, #ARGV - 1)
end
refresh()
local n = redis.call('LLEN', KEYS[2])
local since = tonumber(ARGV[2])
local items = {}
if since < n then items = redis.call('LRANGE', KEYS[2], since, -1) end
local found = {}
if nwant > 0 then found = redis.call('HMGET', KEYS[4], unpack(ARGV, 8, 7 + nwant)) end
return {meta, n, items, found}
"""

#: ARGV: ttl, original digest, surrogate digest, encrypted entry.
#: -> {-1} unknown session, {0} surrogate taken, {1, stored entry} original known, {2} added.
ADD = _REFRESH + """
if redis.call('EXISTS', KEYS[1]) == 0 then return {-1} end
local known = redis.call('HGET', KEYS[3], ARGV[2])
if known then
  refresh()
  if string.sub(known, 1, 1) == 'o' then
    return {1, redis.call('LINDEX', KEYS[2], tonumber(string.sub(known, 2)))}
  end
  return {0}
end
if redis.call('HEXISTS', KEYS[3], ARGV[3]) == 1 then
  refresh()
  return {0}
end
local n = redis.call('RPUSH', KEYS[2], ARGV[4])
redis.call('HSET', KEYS[3], ARGV[3], 's')
redis.call('HSET', KEYS[3], ARGV[2], 'o' .. (n - 1))
refresh()
return {2}
"""

#: Adds the triples of ARGV from index ``first`` (see ADD_MANY), each as ADD would, in
#: order: a triple finds the ones added before it. One HMGET of the originals and one of the
#: surrogates read what the index holds (what this call adds is kept in ``mine``), then one
#: RPUSH and one HSET write every added triple (per STEP triples on a big batch), instead of
#: up to five calls per triple. -> the codes (after a 1 the stored entry) and whether every
#: triple was added.
_ADD_TRIPLES = """
local function add_triples(first)
  local results = {}
  local clean = true
  local base = redis.call('LLEN', KEYS[2])
  local pending = {}  -- encrypted entries to push, in order (at base, base + 1...)
  local fields = {}   -- index fields and values to set
  local mine = {}     -- the fields this call sets: digest -> 's' or 'o<position>'
  for from = first, #ARGV, 3 * STEP do
    local to = math.min(#ARGV, from + 3 * STEP - 1)
    local originals, surrogates = {}, {}
    for i = from, to, 3 do
      originals[#originals + 1] = ARGV[i]
      surrogates[#surrogates + 1] = ARGV[i + 1]
    end
    local held = redis.call('HMGET', KEYS[3], unpack(originals))
    local taken = redis.call('HMGET', KEYS[3], unpack(surrogates))
    for j = 1, #originals do
      local original, surrogate = originals[j], surrogates[j]
      local known = mine[original] or held[j]
      if known then
        clean = false
        if string.sub(known, 1, 1) == 'o' then
          local pos = tonumber(string.sub(known, 2))
          results[#results + 1] = 1
          if pos >= base then
            results[#results + 1] = pending[pos - base + 1]
          else
            results[#results + 1] = redis.call('LINDEX', KEYS[2], pos)
          end
        else
          results[#results + 1] = 0
        end
      elseif mine[surrogate] or taken[j] then
        clean = false
        results[#results + 1] = 0
      else
        local at = 'o' .. (base + #pending)
        pending[#pending + 1] = ARGV[from + 3 * j - 1]
        mine[surrogate] = 's'
        mine[original] = at
        fields[#fields + 1] = surrogate
        fields[#fields + 1] = 's'
        fields[#fields + 1] = original
        fields[#fields + 1] = at
        results[#results + 1] = 2
      end
    end
  end
  for i = 1, #pending, STEP do
    redis.call('RPUSH', KEYS[2], unpack(pending, i, math.min(#pending, i + STEP - 1)))
  end
  for i = 1, #fields, 4 * STEP do
    redis.call('HSET', KEYS[3], unpack(fields, i, math.min(#fields, i + 4 * STEP - 1)))
  end
  return results, clean
end
"""

#: ARGV: ttl, since, then triples of original digest, surrogate digest, encrypted entry.
#: Each triple as in ADD, in order; then the session as ENTRIES reads it.
#: -> nil (unknown session) or {results, meta as a flat list, version, entries[since:]}, where
#: results holds a code per triple (0 taken, 1 original known, 2 added) and, after a 1, the
#: stored entry.
ADD_MANY = _REFRESH + _UNPACK + _ADD_TRIPLES + """
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
local results = add_triples(3)
refresh()
local meta = redis.call('HGETALL', KEYS[1])
local n = redis.call('LLEN', KEYS[2])
local since = tonumber(ARGV[2])
local items = {}
if since < n then items = redis.call('LRANGE', KEYS[2], since, -1) end
return {results, meta, n, items}
"""

#: ARGV: ttl, since, epoch, most remembered values kept, number of pairs to keep (p), p
#: pairs of remembered field and value, then triples as in ADD_MANY. ADD_MANY, and the pairs
#: kept (while fewer than the most are) only if the session's epoch is ``epoch``, every triple
#: was added and the version after the adds is ``since`` (the values were made against exactly
#: the entries before these and these). -> as ADD_MANY.
ADD_SHARE = _REFRESH + _UNPACK + _ADD_TRIPLES + _KEEP_PAIRS + """
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
local npairs = tonumber(ARGV[5])
local first = 6 + 2 * npairs
local results, clean = add_triples(first)
local n = redis.call('LLEN', KEYS[2])
local since = tonumber(ARGV[2])
if clean and npairs > 0 and n == since and redis.call('HGET', KEYS[1], 'epoch') == ARGV[3] then
  keep_pairs(6, first - 1)
end
refresh()
local meta = redis.call('HGETALL', KEYS[1])
local items = {}
if since < n then items = redis.call('LRANGE', KEYS[2], since, -1) end
return {results, meta, n, items}
"""

#: ARGV: ttl, since, epoch, most remembered values kept, number of fields to read (w), those
#: fields, number of pairs to keep (p), p pairs of remembered field and value, then triples as
#: in ADD_MANY. If the session's epoch is ``epoch`` and its version ``since`` (the caller
#: pseudonymized against exactly these entries): each triple as in ADD_MANY, and the pairs
#: kept (while fewer than the most are) if every triple was added. Else nothing is added or
#: kept, and the session is read as SYNC reads it (from 0 if its epoch is another).
#: -> nil (unknown session), {1, results as in ADD_MANY, meta as a flat list, version,
#: entries[since:] (none if every triple was added)} or {0, meta as a flat list, version,
#: entries[since:], the values of the fields read}.
COMMIT = _REFRESH + _UNPACK + _ADD_TRIPLES + _KEEP_PAIRS + """
local meta = redis.call('HGETALL', KEYS[1])
if #meta == 0 then return false end
local since = tonumber(ARGV[2])
local nwant = tonumber(ARGV[5])
local at = 6 + nwant
local first = at + 1 + 2 * tonumber(ARGV[at])
local n = redis.call('LLEN', KEYS[2])
local same = redis.call('HGET', KEYS[1], 'epoch') == ARGV[3]
if same and n == since then
  local results, clean = add_triples(first)
  local items = {}
  if clean then
    if first > at + 1 then keep_pairs(at + 1, first - 1) end
  else
    items = redis.call('LRANGE', KEYS[2], since, -1)
  end
  refresh()
  return {1, results, meta, redis.call('LLEN', KEYS[2]), items}
end
if not same then since = 0 end
local items = {}
if since < n then items = redis.call('LRANGE', KEYS[2], since, -1) end
local found = {}
if nwant > 0 then found = redis.call('HMGET', KEYS[4], unpack(ARGV, 6, 5 + nwant)) end
refresh()
return {0, meta, n, items, found}
"""

#: ARGV: ttl, counter field. -> new value, or -1 if the session is unknown.
NEXT_NUMBER = _REFRESH + """
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local n = redis.call('HINCRBY', KEYS[1], ARGV[2], 1)
refresh()
return n
"""

#: ARGV: ttl, then pairs of counter field and value. -> 1, or 0 if the session is unknown.
MERGE_COUNTERS = _REFRESH + """
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
for i = 2, #ARGV, 2 do
  local want = tonumber(ARGV[i + 1])
  local have = tonumber(redis.call('HGET', KEYS[1], ARGV[i]) or '0')
  if want > have then redis.call('HSET', KEYS[1], ARGV[i], want) end
end
refresh()
return 1
"""

#: -> the epoch of the session removed ('' if it had none), or nil if it did not exist.
DROP = """
local epoch = false
if redis.call('EXISTS', KEYS[1]) == 1 then
  epoch = redis.call('HGET', KEYS[1], 'epoch') or ''
end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
if KEYS[4] then redis.call('DEL', KEYS[4]) end
return epoch
"""

#: ARGV: old sid blob, new sid blob, then triples of position, old blob, new blob.
#: Replaces each blob only if it is still the one that was read. -> number replaced.
REENCRYPT = """
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local done = 0
if ARGV[1] ~= '' and redis.call('HGET', KEYS[1], 'sid') == ARGV[1] then
  redis.call('HSET', KEYS[1], 'sid', ARGV[2])
  done = done + 1
end
for i = 3, #ARGV, 3 do
  local pos = tonumber(ARGV[i])
  if redis.call('LINDEX', KEYS[2], pos) == ARGV[i + 1] then
    redis.call('LSET', KEYS[2], pos, ARGV[i + 2])
    done = done + 1
  end
end
return done
"""

#: Every script by name.
SCRIPTS = {"CREATE": CREATE, "TOUCH": TOUCH, "ENTRIES": ENTRIES, "SYNC": SYNC, "ADD": ADD,
           "ADD_MANY": ADD_MANY, "ADD_SHARE": ADD_SHARE, "COMMIT": COMMIT,
           "NEXT_NUMBER": NEXT_NUMBER, "MERGE_COUNTERS": MERGE_COUNTERS,
           "DROP": DROP, "REENCRYPT": REENCRYPT}
