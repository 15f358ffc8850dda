package org.plugboard.ivr.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.plugboard.console.CommandFailure;
import org.plugboard.ivr.internal.IvrConsole;

@Service
@Command(scope = "pbx", name = "ivr-validate", description = "Checks an IVR file against the schema without putting it in service.")
public class IvrValidateCommand implements Action {
    @Argument(index = 0, name = "file", description = "an IVR file; a bare name is looked up in the IVR folder", required = true)
    String file;

    @Reference
    IvrConsole ivrs;

    @Override
    public Object execute() throws Exception {
        try {
            System.out.println(ivrs.validate(file));
        } catch (IllegalArgumentException e) {
            throw CommandFailure.from(e);
        }
        return null;
    }
}
