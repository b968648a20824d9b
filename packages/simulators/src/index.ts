export { startSimulators, simulatedNetworks, type RunningSimulators, type SimulatedNetwork } from './simulators.ts';
