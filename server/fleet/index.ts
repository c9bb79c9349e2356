// The fleet domain's front door: the only module other domains, transports and pages import.
import "server-only";

export * from "./contract";
export { cachedMachineCredentials, machineCredentials, type MachineCredentials } from "./credentials";
export { machineConnection, testEventSigningSecret } from "./connection";
export { onboardingProgress, type OnboardingProgress } from "./onboarding";
export { machineStickers, type MachineSticker } from "./stickers";
export { payPageUrl, stickersPdf, type StickerOptions } from "./stickers-pdf";
export { countMachinesByStatus, getMachineDetail, listMachineEvents, listMachines } from "./fleet-views";
export { createLocation, listLocations, updateLocation } from "./locations";
export { getMachine, registerMachine, rotateMachineSecret, setMachineDisabled, updateMachine } from "./machines";
export { fleetStatus, machineSilent } from "./presence";
export { countMachineRequest, countRequest, lockMachineStatement, lockedMachineOf, machineReportStatement, type HeartbeatFact, type LockedMachine, type RequestWindow } from "./reports";
export { decryptSecret, encryptSecret, generateMachineSecret } from "./secret-box";
export { getPublicMachine, listMachinePage } from "./machine-pages";
export { getLocation, listLocationPage } from "./location-pages";
