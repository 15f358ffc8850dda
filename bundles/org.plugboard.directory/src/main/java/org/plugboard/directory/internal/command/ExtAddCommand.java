package org.plugboard.directory.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.plugboard.api.directory.Extension;

@Service
@Command(scope = "pbx", name = "ext-add", description = "Adds an extension with a password (stored only as digests).")
public class ExtAddCommand extends DirectoryAction {
    @Argument(index = 0, name = "number", description = "extension number, 1 to 20 digits", required = true)
    String number;

    @Argument(index = 1, name = "password", description = "SIP password, at least 6 characters (masked in the history)", required = true, censor = true, mask = '*')
    String password;

    @Argument(index = 2, name = "name", description = "display name (quote it if it has spaces)", required = false)
    String name;

    @Override
    void run() {
        Extension e = directory.add(number, name, password);
        System.out.println("Added extension " + e.number() + " (" + e.displayName() + ")");
    }
}
