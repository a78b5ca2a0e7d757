package io.dpnet.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import scala.Tuple2;

/**
 * Hadoop configurations as Spark gives its own readers: the defaults plus every {@code spark.hadoop.*} setting, so
 * that credentials and {@code fs.defaultFS} reach the files dpnet reads and writes, on the driver and in tasks alike.
 */
public final class SparkHadoop {
    private SparkHadoop() {
    }

    public static Configuration configuration(SparkConf conf) {
        Configuration hadoop = new Configuration();
        for (Tuple2<String, String> entry : conf.getAllWithPrefix("spark.hadoop.")) {
            hadoop.set(entry._1(), entry._2());
        }
        return hadoop;
    }

    /** Inside a task: from the application's settings as the executor holds them. */
    static Configuration inTask() {
        return configuration(SparkEnv.get().conf());
    }
}
