import type { DrawRow, Repos } from './ports/store';
import type { CardView } from './views/card-view';
import { drawAnnouncementCard } from './views/draw-cards';

/** The draw's announcement card with the names of who ended it (and who agreed to a cancellation). */
export async function drawCardOf(repos: Repos, draw: DrawRow): Promise<CardView> {
  const nameOf = async (id: number | null) => (id === null ? undefined : (await repos.directory.person(id))?.name);
  const supersedes = draw.supersedesId === null ? undefined : await repos.draws.byId(draw.agencyId, draw.supersedesId);
  return drawAnnouncementCard(draw, {
    endedBy: await nameOf(draw.endedBy),
    confirmedBy: await nameOf(draw.cancelConfirmedBy),
    ...(supersedes ? { supersedes } : {}),
  });
}
