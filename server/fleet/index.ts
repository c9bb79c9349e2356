// The fleet domain's front door: the only module other domains, transports and pages import.
import "server-only";

export { machineCredentials } from "./credentials";
export { countMachinesByStatus, getMachineDetail, listMachineEvents, listMachines, listMachinesInput, machineEventsInput } from "./fleet-views";
export { createLocation, listLocations, locationInput, updateLocation, updateLocationInput } from "./locations";
export { getMachine, machineIdInput, machineInput, registerMachine, rotateMachineSecret, setDisabledInput, setMachineDisabled, updateMachine, updateMachineInput } from "./machines";
export { fleetStatus, machineSilent, reachableStatuses, type FleetStatus } from "./presence";
export { decryptSecret, encryptSecret, generateMachineSecret } from "./secret-box";
