// Request fidelity (does the game do what was asked?), for validate, select and eval score.
export { measureFidelity, requestedElements, EVIDENCE_WEIGHT, type Fidelity, type FidelityCheck, type RequestedGame, type EvidenceSource } from './fidelity.js';
