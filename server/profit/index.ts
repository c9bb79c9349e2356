// The profit domain's front door: the only module other domains, transports and pages import.
import "server-only";

export * from "./contract";
export { listCardFees, removeCardFee, setCardFee } from "./card-fees";
export { placeProfit } from "./place-profit";
