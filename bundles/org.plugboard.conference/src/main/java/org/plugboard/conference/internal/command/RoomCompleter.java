package org.plugboard.conference.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.plugboard.conference.internal.Room;
import org.plugboard.conference.internal.Rooms;

/** Completes room numbers. */
@Service
public class RoomCompleter implements Completer {
    @Reference
    Rooms rooms;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        rooms.all().stream().map(Room::number).forEach(delegate.getStrings()::add);
        return delegate.complete(session, commandLine, candidates);
    }
}
