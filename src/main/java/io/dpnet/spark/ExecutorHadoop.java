package io.dpnet.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkEnv;
import scala.Tuple2;

/**
 * A Hadoop configuration inside a task: the defaults plus every {@code spark.hadoop.*} setting of the application, as
 * Spark gives its own readers, so that credentials and {@code fs.defaultFS} reach the files a task writes or reads.
 */
final class ExecutorHadoop {
    private ExecutorHadoop() {
    }

    static Configuration configuration() {
        Configuration conf = new Configuration();
        for (Tuple2<String, String> entry : SparkEnv.get().conf().getAllWithPrefix("spark.hadoop.")) {
            conf.set(entry._1(), entry._2());
        }
        return conf;
    }
}
