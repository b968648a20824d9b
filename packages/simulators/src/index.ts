export {
  startSimulators,
  simulatedNetworks,
  type RunningSimulators,
  type SimulatedAccount,
  type SimulatedNetwork,
} from './simulators.ts';
