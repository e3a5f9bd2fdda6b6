// Dates for the tests, counted from today in China time, so that no test ages with the
// calendar (a fixed "2027-09-15" departure would be refused once that day has passed).
const kChinaOffsetMs = 8 * 3600 * 1000;

// The China-time calendar day `days` from today, as "YYYY-MM-DD".
export function dayFromToday(days) {
  return new Date(Date.now() + kChinaOffsetMs + days * 86400 * 1000).toISOString().slice(0, 10);
}

// 18:00 China time on dayFromToday(days), as the API writes instants ("…T10:00:00Z").
export function eveningFromToday(days) {
  return `${dayFromToday(days)}T10:00:00Z`;
}

// The last second of a China-time day, as the app's 报名截止日期 field means it.
export function endOfChinaDay(day) {
  const next = new Date(`${day}T00:00:00Z`).getTime() + 86400 * 1000 - kChinaOffsetMs - 1000;
  return new Date(next).toISOString().replace('.000Z', 'Z');
}
