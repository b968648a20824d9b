export {
  startSimulators,
  simulatedNetworks,
  type RunningSimulators,
  type SimulatedAccount,
  type SimulatedNetwork,
  type PostFigures,
} from './simulators.ts';
