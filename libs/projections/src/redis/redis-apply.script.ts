import { createHash } from 'node:crypto';

/**
 * KEYS: checkpoint, projections, fence, then the keys the operations name by
 * index. ARGV: position, expected checkpoint, projections list, rebuild token,
 * then the operations (S key json | D key | Z key score member | R key member).
 * The `expected` guard alone already rules out applying an event twice (an
 * event's expected checkpoint is below its own position); the first branch
 * tells the caller "already applied" rather than "read again".
 * Every check, the operations' syntax included, passes before the first
 * write: a refused event leaves no trace (Redis does not roll back a script
 * that fails half-way; only a foreign key of the wrong type under the prefix
 * could still make one fail).
 */
export const APPLY_EVENT_SCRIPT = `
local checkpoint = tonumber(redis.call('GET', KEYS[1]) or '0')
local position = tonumber(ARGV[1])
if checkpoint >= position then return 0 end
local fence = redis.call('GET', KEYS[3])
if fence and fence ~= ARGV[4] then return -3 end
if checkpoint ~= tonumber(ARGV[2]) then return -1 end
local projections = redis.call('GET', KEYS[2])
if projections and projections ~= ARGV[3] then return -2 end
local width = { S = 3, D = 2, Z = 4, R = 3 }
local n = #ARGV
local i = 5
while i <= n do
  local w = width[ARGV[i]]
  if not w or not KEYS[tonumber(ARGV[i + 1])] or i + w - 1 > n then
    return redis.error_reply('bad read-model operation at ARGV ' .. i)
  end
  i = i + w
end
if not projections then redis.call('SET', KEYS[2], ARGV[3]) end
i = 5
while i <= n do
  local op = ARGV[i]
  local key = KEYS[tonumber(ARGV[i + 1])]
  if op == 'S' then
    redis.call('SET', key, ARGV[i + 2])
  elseif op == 'D' then
    redis.call('DEL', key)
  elseif op == 'Z' then
    redis.call('ZADD', key, ARGV[i + 2], ARGV[i + 3])
  else
    redis.call('ZREM', key, ARGV[i + 2])
  end
  i = i + width[op]
end
redis.call('SET', KEYS[1], ARGV[1])
return 1
`;

export const APPLY_EVENT_SHA = createHash('sha1').update(APPLY_EVENT_SCRIPT).digest('hex');

/** What the script answers. */
export const SCRIPT_REPLY = {
  applied: 1,
  skipped: 0,
  conflict: -1,
  version: -2,
  rebuilding: -3,
} as const;
