import type { SlotList } from '../api/types';

export type Slot = SlotList['items'][number];

/** The slot picked on the schedule page, handed to the confirm page without a second request. */
let picked: { slot: Slot; offsetMinutes: number } | null = null;

export function pickSlot(slot: Slot, offsetMinutes: number): void {
  picked = { slot, offsetMinutes };
}

export function pickedSlot(slotId: string): { slot: Slot; offsetMinutes: number } | null {
  return picked?.slot.id === slotId ? picked : null;
}
