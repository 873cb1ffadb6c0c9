package io.embeddedkinesis.server.protocol;

import java.util.List;

/**
 * One member of a request shape, in the order the service checks members.
 *
 * @param name     the member's name on the wire, e.g. {@code StreamName}.
 * @param type     its type.
 * @param children for a list of structures or a structure, the members of the structure; else empty.
 */
public record Member(String name, MemberType type, List<Member> children) {
    /**
     * A member without children.
     *
     * @param name the member's name on the wire.
     * @param type its type.
     * @return the member.
     */
    public static Member of(final String name, final MemberType type) {
        return new Member(name, type, List.of());
    }
}
