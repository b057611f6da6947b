package io.github.evesso.sample.cluster;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.catalina.ha.session.SessionMessage;
import org.apache.catalina.tribes.ChannelListener;
import org.apache.catalina.tribes.Member;
import org.apache.catalina.tribes.group.RpcMessage;
import org.apache.catalina.tribes.io.XByteBuffer;
import org.apache.catalina.tribes.tipis.AbstractReplicatedMap;

/**
 * Records the session-replication messages a node receives (DeltaManager's {@link SessionMessage}s, BackupManager's
 * map messages, also those in RPCs; not the heartbeats of the membership and the map), each with the size of its
 * serialized form: the payload tribes carries, without its framing and encryption ({@link TomcatNode#framingBytes()}).
 * A listener beside the cluster's own: it changes nothing.
 */
final class ReplicationProbe implements ChannelListener {

    /**
     * One message received.
     *
     * @param type e.g. {@code SESSION-DELTA}, {@code SESSION-ACCESSED}, {@code MSG_BACKUP}
     * @param bytes the size of the serialized message
     */
    record Received(String type, int bytes) {
    }

    /** {@code RpcMessage.message}, which tribes reads through its subclasses only. */
    private static final Field MESSAGE;

    static {
        try {
            MESSAGE = RpcMessage.class.getDeclaredField("message");
            MESSAGE.setAccessible(true);
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

    @Override
    public boolean accept(Serializable msg, Member sender) {
        return msg instanceof SessionMessage || msg instanceof AbstractReplicatedMap.MapMessage
                || msg instanceof RpcMessage rpc && rpcPayload(rpc) instanceof AbstractReplicatedMap.MapMessage map
                        && map.getMsgType() != AbstractReplicatedMap.MapMessage.MSG_PING;
    }

    @Override
    public void messageReceived(Serializable msg, Member sender) {
        String type = msg instanceof SessionMessage s ? s.getEventTypeString()
                : msg instanceof AbstractReplicatedMap.MapMessage m ? m.getTypeDesc()
                : "RPC " + ((AbstractReplicatedMap.MapMessage) rpcPayload((RpcMessage) msg)).getTypeDesc();
        try {
            received.add(new Received(type, XByteBuffer.serialize(msg).length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What an RPC carries: a BackupManager's map message, or the static membership's heartbeat (not counted). */
    private static Object rpcPayload(RpcMessage rpc) {
        try {
            return MESSAGE.get(rpc);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The messages received since the last call, oldest first. */
    List<Received> drain() {
        List<Received> list = new ArrayList<>();
        for (Received r; (r = received.poll()) != null; ) {
            list.add(r);
        }
        return list;
    }
}
