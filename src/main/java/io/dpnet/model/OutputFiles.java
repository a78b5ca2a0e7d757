package io.dpnet.model;

import io.dpnet.data.DataFiles;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Files that dpnet writes (models, metrics, predictions) on any Hadoop file system. */
public final class OutputFiles {
    private OutputFiles() {
    }

    /** Creates (or replaces) the file at {@code uri}. */
    public static OutputStream create(String uri, Configuration conf) throws IOException {
        Path path = new Path(uri);
        return DataFiles.writableFileSystem(path, conf).create(path, true);
    }
}
