// pbx.*: the agent bar, the supervisor board, call control on the card and Settings' test of
// the PBX APIs, answered by the PBX service (electron/core/pbx-service.ts).
import type { PbxService } from '../pbx-service';
import type { Handlers } from './types';

type PbxChannel =
  | 'pbx.agent.get'
  | 'pbx.agent.change'
  | 'pbx.board.get'
  | 'pbx.board.change'
  | 'pbx.call.get'
  | 'pbx.call.act'
  | 'pbx.test';

export function pbxHandlers(pbx: PbxService): Pick<Handlers, PbxChannel> {
  return {
    'pbx.agent.get': ({ background }) => pbx.agentState({ background: background === true }),
    'pbx.agent.change': ({ change }) => pbx.changeAgent(change),
    'pbx.board.get': ({ background }) => pbx.board({ background: background === true }),
    'pbx.board.change': ({ change }) => pbx.changeBoard(change),
    'pbx.call.get': ({ callId }) => pbx.calls.state(callId),
    'pbx.call.act': ({ callId, action }) => pbx.calls.act(callId, action),
    'pbx.test': ({ api }) => pbx.test(api),
  };
}
