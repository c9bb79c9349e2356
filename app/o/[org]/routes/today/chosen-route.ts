/**
 * The route the technician's day shows: the one the address asks for when it is one of the org's
 * routes, else the member's first, else the org's first. The page prefetches this route's day and
 * the view shows it, so both must choose the same; an unknown `?route=` falls back instead of failing.
 */
export function chosenRouteId(asked: string | null | undefined, routes: { mine: { id: string }[]; all: { id: string }[] }): string | undefined {
  if (asked && routes.all.some((r) => r.id === asked)) return asked;
  return routes.mine[0]?.id ?? routes.all[0]?.id;
}
