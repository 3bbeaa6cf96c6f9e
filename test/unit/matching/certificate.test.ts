// The certificate on its own: it accepts an optimal assignment with potentials that prove it, and
// refuses a worse assignment, an over-full place and potentials that do not prove optimality.
import { describe, expect, it } from 'vitest';
import { assignmentOf, certificateFailure, type Network } from '../../../api/matching/network.ts';

// Two learners want one place (size 1) of one mentor (room 1): learner 1's pair is worth more.
const net: Network = {
  learners: 2,
  places: 1,
  mentors: 1,
  candStart: Int32Array.of(0, 1, 2),
  candPlace: Int32Array.of(0, 0),
  candValue: Float64Array.of(110, 120),
  placeMentor: Int32Array.of(0),
  placeCap: Int32Array.of(1),
  mentorPlaceStart: Int32Array.of(0, 1),
  mentorPlace: Int32Array.of(0),
  mentorRoom: Int32Array.of(1),
  mentorBase: Int32Array.of(0),
  load: 4,
};
// Nodes: learners 0, 1; place 2; mentor 3; sink 4. Potentials of the optimum (learner 1 placed):
// distances from a root joined to every node, on the residual graph.
const proof = Float64Array.of(0, 0, -110, 0, 0);

describe('the matching certificate', () => {
  it('accepts the optimum with potentials that prove it', () => {
    expect(certificateFailure(net, assignmentOf(net, Int32Array.of(-1, 1)), proof)).toBeNull();
  });

  it('refuses the worse assignment, whatever the potentials', () => {
    const worse = assignmentOf(net, Int32Array.of(0, -1));
    expect(certificateFailure(net, worse, proof)).toMatch(/reduced cost/);
    expect(certificateFailure(net, worse, new Float64Array(5))).toMatch(/reduced cost/);
  });

  it('refuses an over-full place', () => {
    expect(certificateFailure(net, assignmentOf(net, Int32Array.of(0, 1)), proof)).toMatch(/over its size/);
  });

  it('refuses potentials that do not prove the optimum', () => {
    expect(certificateFailure(net, assignmentOf(net, Int32Array.of(-1, 1)), new Float64Array(5))).toMatch(/reduced cost/);
  });
});
